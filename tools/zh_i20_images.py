# zh-Hans for image upload in the post editors (issue 20, part 5).
ZH = {
    # posts/services/images.py
    "You have uploaded many images recently. Try again later.": "你最近上传的图片太多了，请稍后再试。",
    "This file is not an image. Upload a JPEG, PNG, GIF or WebP image.": "此文件不是图片。请上传 JPEG、PNG、GIF 或 WebP 图片。",
    "The image has more than %(million)d million pixels. Make it smaller and try again.": "图片超过 %(million)d 百万像素，请缩小后重试。",
    "The image is larger than %(mb)d MB.": "图片大于 %(mb)d MB。",
    "image": "图片",
    # posts/views/images.py
    "Sign in to upload images.": "请登录后上传图片。",
    "Choose an image to upload.": "请选择要上传的图片。",
    "You cannot upload images.": "你不能上传图片。",
    # posts/templates/posts/_editor.html
    "Uploading image…": "正在上传图片…",
    "The image could not be uploaded. Your text is unchanged.": "图片上传失败，你的文字没有改动。",
    "Insert image": "插入图片",
    "Image to insert": "要插入的图片",
    "or paste or drop an image into the text": "也可以把图片粘贴或拖放到文本框中",
    # posts/models.py (PostImage)
    "file": "文件",
    "width": "宽度",
    "height": "高度",
    "size in bytes": "大小（字节）",
    "post image": "帖子图片",
    "post images": "帖子图片",
}
